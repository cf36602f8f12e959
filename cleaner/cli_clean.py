"""`cleaner clean` once its arguments are parsed: build the configuration, run, summarise.

    $ cleaner clean corpus/ -o corpus.jsonl --rejects rejects.jsonl

Kept apart from `cleaner.cli`, which builds the parser, so that the pipeline (trafilatura,
lxml, the entity model) is imported only by a command that cleans.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from cleaner.cli_args import EXIT_FAILED, EXIT_OK, usage_error
from cleaner.config import Config, ConfigError, is_language_entry
from cleaner.document import Reject
from cleaner.pipeline import prepare
from cleaner.read import InputError, expand_inputs, read_all
from cleaner.rules import RuleTableError
from cleaner.run.dask import ExecutorError
from cleaner.run.jobs import known_total, make_executor, run_directory
from cleaner.run.progress import Progress
from cleaner.run.shards import ResumeError
from cleaner.run.stream import run_to_stream
from cleaner.run.summary import Summary
from cleaner.structure.entities import BUILTIN, BackendError
from cleaner.write import JsonlWriter, OutputError, writer_for


def clean(args: argparse.Namespace) -> int:
    """Run `cleaner clean` with parsed arguments; the exit code."""
    if args.out_dir and (args.output or args.rejects):
        return usage_error(
            "--out-dir writes the shards and their rejects itself; drop -o/--rejects"
        )
    if args.shard_format != "jsonl" and not args.out_dir:
        return usage_error("--shard-format needs --out-dir; for one file name it: -o out.parquet")
    if args.scheduler and args.executor != "dask":
        return usage_error("--scheduler needs --executor dask")
    try:
        config = Config.from_toml(args.config) if args.config else Config()
        if args.language:
            config = replace(config, language=args.language)
        config = _with_entity_choice(config, args)
        prepare(config)
        if args.out_dir:
            summary = run_directory(
                args.inputs,
                args.out_dir,
                config=config,
                workers=args.workers,
                executor=args.executor,
                scheduler=args.scheduler,
                shard_size=args.shard_size,
                input_format=args.format,
                progress=sys.stderr if args.progress else None,
                shard_format=args.shard_format,
            )
        else:
            summary = _clean_to_stream(args, config)
    except (
        ConfigError,
        BackendError,
        InputError,
        RuleTableError,
        ExecutorError,
        ResumeError,
        OutputError,
    ) as error:
        return usage_error(str(error))
    for line in summary.lines():
        print(f"cleaner: {line}", file=sys.stderr)
    if args.out_dir:
        print(f"cleaner: shards and manifest.json in {args.out_dir}", file=sys.stderr)
    return EXIT_FAILED if summary.rejected else EXIT_OK


def _clean_to_stream(args: argparse.Namespace, config: Config) -> Summary:
    """`cleaner clean` with -o (or stdout) and --rejects (or stderr)."""
    expansion = expand_inputs(args.inputs, args.format)
    writer_class = writer_for(args.output)
    rejects_writer = JsonlWriter(args.rejects) if args.rejects else None

    def write_reject(reject: Reject) -> None:
        if rejects_writer is not None:
            rejects_writer.write(reject.to_dict())
        else:
            print(
                f"cleaner: rejected {reject.source.describe()}: {reject.reason}: {reject.message}",
                file=sys.stderr,
            )

    progress = Progress(sys.stderr, known_total(expansion)) if args.progress else None
    executor = make_executor(config, args.workers, args.executor, args.scheduler)
    with executor, writer_class(args.output) as writer:
        summary = run_to_stream(
            read_all(expansion.files, config.limits.max_bytes),
            executor,
            writer.write_lines,
            write_reject,
            progress,
        )
    if rejects_writer is not None:
        rejects_writer.close()
    summary.skipped_files = len(expansion.skipped)
    return summary


def _with_entity_choice(config: Config, args: argparse.Namespace) -> Config:
    if args.ner_model:
        if args.entities is False:
            raise ConfigError("--ner-model and --no-entities contradict each other; pick one")
        per_language = tuple(spec for spec in args.ner_model if is_language_entry(spec))
        default = [spec for spec in args.ner_model if not is_language_entry(spec)]
        model = default[-1] if default else config.entities.model or BUILTIN
        return config.with_entities(model, (*config.entities.models, *per_language))
    if args.entities is False:
        return config.with_entities(None)
    if args.entities and not config.entities.model:
        return config.with_entities(BUILTIN)
    return config
