"""Formatters render ReportResults; they know nothing of Chinese or of rules."""
