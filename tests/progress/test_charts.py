"""The server-drawn SVG chart: accessible, escaped, free of inline styles."""

import re

from progress.charts import ScorePoint, bar, score_chart


def _chart(points, **options):
    return str(
        score_chart(points=points, title="Quiz scores", description="Three attempts.", **options)
    )


def test_the_chart_is_a_named_described_image():
    svg = _chart([ScorePoint("A", 40), ScorePoint("B", 80), ScorePoint("C", 60)])
    assert svg.startswith('<svg class="score-chart"')
    assert 'role="img"' in svg
    assert 'aria-labelledby="score-chart-title score-chart-desc"' in svg
    assert '<title id="score-chart-title">Quiz scores</title>' in svg
    assert '<desc id="score-chart-desc">Three attempts.</desc>' in svg
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1


def test_the_chart_has_no_inline_style_or_script():
    svg = _chart([ScorePoint("A", 40), ScorePoint("B", 80)], pass_mark=70, pass_label="Pass")
    assert "style=" not in svg
    assert "<script" not in svg
    assert re.search(r"\son\w+=", svg) is None


def test_points_are_placed_by_score_from_bottom_to_top():
    svg = _chart([ScorePoint("low", 0), ScorePoint("high", 100)])
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[0] > ys[1]  # SVG's y grows downwards


def test_one_point_is_drawn_without_a_line():
    svg = _chart([ScorePoint("only", 50)], first_label="3 Mar 2026", last_label="3 Mar 2026")
    assert svg.count("<circle") == 1
    assert "<polyline" not in svg
    assert svg.count("3 Mar 2026") == 1


def test_every_text_is_escaped():
    svg = str(
        score_chart(
            points=[ScorePoint('<script>alert(1)</script>"', 50)],
            title="<b>x</b>",
            description="a & b",
            pass_mark=70,
            pass_label="<i>",
        )
    )
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg and "a &amp; b" in svg


def test_bar_is_clamped_and_hidden_from_screen_readers():
    assert 'width="100" height="8" rx="4" fill="#1a7f3c"' in str(bar(percent=140))
    assert 'aria-hidden="true"' in str(bar(percent=50))
    assert "style=" not in str(bar(percent=50))
