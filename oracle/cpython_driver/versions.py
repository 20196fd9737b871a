"""What the driver must know of each CPython version it runs in: the differences of
docs/cpython-versions.md that reach the driver itself (the engines' side of them is
contract/cpythonProfiles.ts). Everything here is checked at run time where it can be (layout.py):
a wrong offset makes the driver inexact, never wrong.

Per version (3.11.7, 3.12.1 and 3.13.0 measured by tools/experiments/versions/driver_layout_probe.py):

  span           how far into PyInterpreterState the collector and the freelists lie (read as
                 one bytes object: no farther, a mapping past them may be a file's, whose end faults);
  freelists      where the dict, dict-keys freelists and their counts sit, relative to the list
                 freelist (found at run time by freeing known lists): 3.12's `_Py_dict_state` puts
                 `global_version, next_keys_version` first and both counts after both arrays;
  pending        where the "collection scheduled" flag is (3.12, 3.13: an allocation over threshold 0
                 only schedules the collection, which runs at the next eval-breaker check):
                 3.12 `interp->ceval.gc_scheduled` (an int at the collector state + 284; the eval
                 breaker word at + 256 must be set with it), 3.13 bit 1 << 4 of
                 `tstate->eval_breaker` (a word at the thread state + 24); None in 3.11;
  tuple_reuse    the longest tuple an allocation takes from the tuple freelists (19; 20 in 3.13):
                 the driver manages the freelists an allocation can take from;
  clear_rule     which weakrefs `PyObject_ClearWeakRefs` leaves out of the tuple it builds for the
                 callbacks of a dying object (watch.py): 'two-at-head' (3.11, 3.12: up to two
                 callback-less weakrefs at the head; a tuple when two or more are left) or
                 'basic-at-head' (3.13: every callback-less exact `weakref.ref` or proxy at the head;
                 a tuple when one or more are left);
  watch          how the driver watches an instance die (watch.py): a callback-less `weakref.ref`
                 subclass ('subclass'), or, where a subclass would count in every ClearWeakRefs
                 tuple (3.13), a callback-less proxy ('proxy'), which sits among the basic weakrefs at
                 the head of the list and is left out.
"""
import sys

V = sys.version_info[:2]

_LAYOUTS = {
    (3, 11): {
        'span': 16384, 'dict_array': 648, 'dict_numfree': 640, 'keys_array': 648, 'keys_numfree': 640,
        'pending': None, 'tuple_reuse': 19, 'clear_rule': 'two-at-head', 'watch': 'subclass',
    },
    (3, 12): {
        'span': 288 * 1024, 'dict_array': 664, 'dict_numfree': 1280, 'keys_array': 640, 'keys_numfree': 644,
        'pending': ('gc_scheduled', 284, 256), 'tuple_reuse': 19, 'clear_rule': 'two-at-head', 'watch': 'subclass',
    },
    (3, 13): {
        'span': 32768, 'dict_array': 648, 'dict_numfree': 640, 'keys_array': 648, 'keys_numfree': 640,
        'pending': ('eval_breaker_bit', 24, 1 << 4), 'tuple_reuse': 20, 'clear_rule': 'basic-at-head', 'watch': 'proxy',
    },
}

KNOWN = V in _LAYOUTS
# An unknown version gets 3.11's rules: the layout check then fails and the driver runs inexact.
LAYOUT = _LAYOUTS.get(V, _LAYOUTS[(3, 11)])
SCHEDULED_COLLECTIONS = LAYOUT['pending'] is not None
TUPLE_REUSE = LAYOUT['tuple_reuse']
CLEAR_RULE = LAYOUT['clear_rule']
WATCH = LAYOUT['watch']
