"""The family intelligence hub's pipeline, with no Django: feed contracts and checks, the
synthetic city, linking people (Splink), families, criteria and evaluation.

Person-level data pass through here. Nothing in this package logs a value, and no error message
repeats one: messages name the file, row and column, and say what is wrong.
"""
