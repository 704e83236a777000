"""The leakage report: which training sets hold how many test posts, exact vs near.

A pydantic model (JSON-serialisable; saved next to trained models) with Markdown and rich
table renderings.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Overlap(_Model):
    train: str = Field(description="training set, '<dataset>:<split>'")
    test: str = Field(description="test set key, e.g. 'imhi/DR:test' or 'mentabench/cssrs:menta-test[suicide_risk]'")
    exact: int = Field(description="training examples that exactly duplicate a post of the test set")
    near: int = Field(description="training examples that nearly (and not exactly) duplicate one")
    test_posts: int = Field(description="distinct test posts found in the training set")
    test_size: int = Field(description="distinct posts in the test set")
    same_dataset: bool = Field(description="the test set is cut from the same dataset (its own held-out part)")
    removed_ids: list[str] = Field(description="ids of the training examples removed for this test set")


class TrainSet(_Model):
    name: str
    examples: int
    removed: int


class LeakageReport(_Model):
    method: str
    shingle: int
    threshold: float
    min_shared: int
    train_examples: int
    removed: int
    kept: int
    train_sets: list[TrainSet]
    test_sets: dict[str, int] = Field(description="test set key -> distinct posts")
    overlaps: list[Overlap]
    notes: list[str] = Field(default_factory=list)

    def to_markdown(self) -> str:
        lines = [
            "# Train/test overlap",
            "",
            f"{self.removed} of {self.train_examples} training examples removed ({self.kept} kept). {self.method}.",
            "",
            "| training set | test set | exact | near | test posts found |",
            "|---|---|---:|---:|---:|",
        ]
        for o in self.overlaps:
            own = " (its own test split)" if o.same_dataset else ""
            lines.append(f"| {o.train} | {o.test}{own} | {o.exact} | {o.near} | {o.test_posts} / {o.test_size} |")
        lines += ["", "| training set | examples | removed |", "|---|---:|---:|"]
        lines += [f"| {t.name} | {t.examples} | {t.removed} |" for t in self.train_sets]
        if self.notes:
            lines += ["", *(f"- {n}" for n in self.notes)]
        return "\n".join(lines) + "\n"

    def to_table(self):
        """The overlaps as a rich Table (rich is imported here, when asked for)."""
        from rich.table import Table

        table = Table(title=f"train/test overlap: {self.removed} of {self.train_examples} training examples removed")
        for col, justify in (("training set", "left"), ("test set", "left"), ("exact", "right"),
                             ("near", "right"), ("test posts found", "right")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for o in self.overlaps:
            test = f"{o.test} [dim](own split)[/dim]" if o.same_dataset else o.test
            table.add_row(o.train, test, str(o.exact), str(o.near), f"{o.test_posts} / {o.test_size}")
        return table

    def summary_table(self):
        from rich.table import Table

        table = Table(title="training sets after deduplication")
        table.add_column("training set")
        table.add_column("examples", justify="right")
        table.add_column("removed", justify="right")
        table.add_column("kept", justify="right")
        for t in self.train_sets:
            table.add_row(t.name, str(t.examples), str(t.removed), str(t.examples - t.removed))
        return table
