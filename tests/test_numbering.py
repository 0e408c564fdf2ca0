"""The list numbering (budget_lint/numbering.py) as each of its users strips it."""

from __future__ import annotations

import pytest

from budget_lint.narrative.subjects import clean
from budget_lint.recognise import strip_numbering


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("一、本年收入", "本年收入"),
        ("十二．其他支出", "其他支出"),
        ("（一）基本支出", "基本支出"),
        ("(2) 项目支出", "项目支出"),
        ("3、工资福利支出", "工资福利支出"),
        ("其中：1.行政运行", "行政运行"),
        ("2023年预算", "2023年预算"),  # a year is no list number
    ],
)
def test_a_table_label_loses_its_one_marker(label, bare):
    assert strip_numbering(label) == bare


@pytest.mark.parametrize(
    ("phrase", "bare"),
    [
        ("(一)1.基本支出", "基本支出"),
        ("第三、项目支出", "项目支出"),
        ("(二)、其中:一般公共预算拨款", "一般公共预算拨款"),
        ("2. 三公经费", "三公经费"),
    ],
)
def test_a_narrative_phrase_loses_every_marker_and_connector(phrase, bare):
    assert clean(phrase) == bare
