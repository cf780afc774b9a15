"""Indicator statistics: confidence intervals, benchmarking, SPC and judgements against targets.

A pure core with no Django: plain numbers in, frozen dataclasses out. Every function names its
method and its source, and the test suite reproduces the public reference cases in
``../shared/reference`` (PHEindicatormethods, NHSRplotthedots / nhspy-plotthedots, Fingertips).
"""
