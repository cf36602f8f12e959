"""Readers: turn files, directories, globs and stdin into `Document`s or `Reject`s.

    >>> from cleaner.read.inputs import expand_inputs
    >>> files = expand_inputs(["corpus"])  # doctest: +SKIP

`inputs` resolves what the user named into files with formats; `whole` (text and HTML files),
`jsonl` and `warc` each read one kind of input; `read_all` chains them in input order.
"""

from cleaner.read.inputs import InputError, InputFile, expand_inputs, read_all

__all__ = ["InputError", "InputFile", "expand_inputs", "read_all"]
