"""The rate limits of the account forms (the limits themselves are settings)."""

from throttling.limits import PER_ADDRESS, PER_USER, Limit, posted_email, throttle

# Each post sends an e-mail: limit the address asking and the mailbox receiving.
password_reset = throttle(
    "accounts:password-reset",
    Limit(PER_ADDRESS, "RATE_LIMIT_PASSWORD_RESET"),
    Limit(posted_email, "RATE_LIMIT_PASSWORD_RESET"),
)

# Password change and account deletion both check the current password: one shared budget,
# so a borrowed, signed-in laptop cannot guess twice as often on two forms.
password_check = throttle(
    "accounts:password-check",
    Limit(PER_USER, "RATE_LIMIT_PASSWORD_CHECK_PER_USER"),
    Limit(PER_ADDRESS, "RATE_LIMIT_PASSWORD_CHECK_PER_ADDRESS"),
)
