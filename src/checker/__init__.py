"""checker: score 法治政府建设年度报告 against the mandated template."""

__version__ = "0.1.0"
