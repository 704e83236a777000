"""Explanations: scopes (negation, hypotheticals, past, other people, quotes, idioms) and the
symptom/construct layer that maps text to clinical vocabulary (PHQ-9, C-SSRS, IRF, stressors,
wellness dimensions). Rule data lives in ``lexicon/*.yaml``; the modules only evaluate it.
"""
