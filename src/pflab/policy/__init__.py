"""China's technology and industrial policies as data, and the words that carry them.

- :func:`load_registry` loads the validated registry of programmes, slogans, plans,
  lists, funds and institutions from 1861 to 2024 (:class:`Registry` for the queries,
  :mod:`pflab.policy.schema` for the fields).
- :func:`timeline_frame` lays the registry out for the timeline figure.
- :mod:`pflab.policy.terms` counts strategic terms in dated texts such as the Government
  Work Reports (imported on first use: it loads jieba).
- :mod:`pflab.policy.exposure` measures how large each programme's target sectors are
  in an input-output table.
"""

from pflab.policy.registry import Family, Registry, load_registry
from pflab.policy.schema import KINDS, Programme
from pflab.policy.timeline import timeline_frame

__all__ = ["KINDS", "Family", "Programme", "Registry", "load_registry", "timeline_frame"]
