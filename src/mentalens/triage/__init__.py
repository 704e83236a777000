"""Triage: from task outputs to a risk level (none / low / moderate / high / imminent) with
reasons and crisis resources. The policy and the resources are dated, versioned data files
beside this module (policy.yaml, resources.yaml); nothing else decides a risk level.
"""
from __future__ import annotations

from .policy import imminence_cue, not_assessed, policy, triage
from .resources import region_of, resources_for, territory

__all__ = ["imminence_cue", "not_assessed", "policy", "region_of", "resources_for", "territory", "triage"]
