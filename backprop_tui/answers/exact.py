"""Exact symbolic equivalence, ``simplify(a - b) == 0``, in a limited worker process.

``simplify`` can take unbounded time and memory, so it never runs in the tutor's process. A
worker (multiprocessing "forkserver" context, "spawn" where that is unavailable) parses both
texts again with the safe parser, reports that it is ready, and tries ``expand``, ``cancel``
and then ``simplify`` on the difference under an address-space limit. The parent waits
``timeout`` seconds after "ready" and then kills it; no answer in time means "undecided"
(None), never "not equal".

As with any multiprocessing code, a script that calls this must guard its top level with
``if __name__ == "__main__":`` (the worker imports the main module); ``python -m`` and console
scripts are fine.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any

import sympy

from .functions import elementary
from .parse import Signature, parse

log = logging.getLogger(__name__)

TIMEOUT = 2.0
STARTUP_ALLOWANCE = 15.0  # the first call starts the forkserver, which imports SymPy
MEMORY_HEADROOM = 512 * 2**20

_context: Any = None


def _get_context() -> Any:
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload([__name__, f"{__package__}._warm"])
        else:
            _context = multiprocessing.get_context("spawn")
    return _context


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no resource module: the time limit still applies


# Cheap rewrites first; simplify (slow, but strongest) last.
_METHODS = (sympy.expand, lambda e: sympy.cancel(sympy.together(e)), sympy.simplify)


def _worker(connection: Any, answer: str, key: str, signature: Signature) -> None:
    """Child process: reply "ready", then True/False (or None when something failed)."""
    try:
        _limit_memory()
        difference = elementary(parse(answer, signature).expr - parse(key, signature).expr)
        connection.send("ready")
        connection.send(any(method(difference) == 0 for method in _METHODS))
    except BaseException:  # noqa: BLE001 - MemoryError, RecursionError, ...: undecided
        try:
            connection.send(None)
        except OSError:
            pass
    finally:
        connection.close()


def exactly_equal(answer: str, key: str, signature: Signature,
                  timeout: float | None = None) -> bool | None:
    """True/False when ``simplify`` decides within ``timeout`` (default TIMEOUT), else None."""
    timeout = TIMEOUT if timeout is None else timeout
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(sender, answer, key, signature), daemon=True)
    try:
        process.start()
    except Exception:  # noqa: BLE001 - e.g. started while the main module is being imported
        log.warning("could not start the exact-check worker", exc_info=True)
        receiver.close()
        sender.close()
        return None
    sender.close()
    try:
        if not receiver.poll(STARTUP_ALLOWANCE) or receiver.recv() != "ready":
            return None
        if not receiver.poll(timeout):
            return None
        result = receiver.recv()
        return result if isinstance(result, bool) else None
    except (EOFError, OSError):
        return None
    finally:
        if process.is_alive():
            process.kill()
        process.join(1.0)
        receiver.close()
