"""The server-drawn SVG chart: accessible, escaped, free of inline styles."""

import re

from progress.charts import ScorePoint, bar, legend, score_chart, series_style


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


def _lines(svg: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(float(v) for v in pair.split(",")) for pair in points.split()]
        for points in re.findall(r'<polyline points="([^"]+)"', svg)
    ]


def test_each_quiz_gets_its_own_line_never_joined_to_another():
    """Lesson quiz, exam, lesson quiz, exam: two lines of two points, not one of four."""
    svg = _chart(
        [
            ScorePoint("quiz 1", 40, "quiz"),
            ScorePoint("exam 1", 90, "exam"),
            ScorePoint("quiz 2", 60, "quiz"),
            ScorePoint("exam 2", 70, "exam"),
        ]
    )
    quiz_line, exam_line = _lines(svg)
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    # Points keep their place in time: the quiz's are the 1st and 3rd, the exam's the 2nd and 4th.
    assert [x for x, _y in quiz_line] == [xs[0], xs[1]]
    assert [x for x, _y in exam_line] == [xs[2], xs[3]]
    assert sorted(xs) == [xs[0], xs[2], xs[1], xs[3]]
    assert svg.count('<g class="score-series"') == 2
    quiz_colour, exam_colour = series_style(0)[0], series_style(1)[0]
    assert quiz_colour != exam_colour
    assert f'stroke="{exam_colour}" stroke-width="2.5" stroke-dasharray=' in svg


def test_a_quiz_with_one_attempt_is_a_point_without_a_line():
    svg = _chart(
        [ScorePoint("a", 40, "quiz"), ScorePoint("b", 50, "exam"), ScorePoint("c", 60, "quiz")]
    )
    assert len(_lines(svg)) == 1
    assert svg.count("<circle") == 3


def test_the_legend_names_each_line_escaped_and_hidden_samples():
    html = str(legend(names=["Quiz <1>", "Final exam"]))
    assert html.count("<li>") == 2
    assert "Quiz &lt;1&gt;" in html and "Final exam" in html
    assert html.count('aria-hidden="true"') == 2
    assert "style=" not in html
