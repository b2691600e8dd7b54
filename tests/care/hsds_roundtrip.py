#!/usr/bin/env python3
"""The care catalogue's HSDS 3.0 export and import through the real binary (issue 16,
point 1; docs/care.md):

1. the demo city's catalogue is exported with `tafel catalogue export --hsds`, and every
   exported service validates against the HSDS 3.0 schemas (service.json and the
   schemas it $refs, resolved over the schema directory);
2. the export is imported into a fresh database and exported again: the same catalogue
   (every field but the record ids, which are the databases' own);
3. each of the three HSDS examples imports into a fresh database;
4. a broken document reports each refused record's JSON path and imports nothing;
   with --partial the rest is imported.

Usage: hsds_roundtrip.py TAFEL_BINARY HSDS_DIR
"""

import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def run(tafel, *args, expect=0):
    r = subprocess.run([tafel, *args], capture_output=True, text=True)
    if r.returncode != expect:
        sys.exit(f"tafel {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r


class Instance:
    """A scratch database with its keys directory."""

    def __init__(self, root, name):
        self.db = str(root / f"{name}.db")
        self.keys = str(root / f"{name}-keys")
        pathlib.Path(self.keys).mkdir()

    def args(self):
        return ["--database", self.db, "--keys-dir", self.keys]


def export(tafel, instance, path):
    run(tafel, "catalogue", "export", "--hsds", str(path), *instance.args())
    return json.loads(path.read_text())


def validator(schema_dir):
    resources = []
    for f in schema_dir.glob("*.json"):
        schema = json.loads(f.read_text())
        resources.append((f.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    service = json.loads((schema_dir / "service.json").read_text())
    cls = jsonschema.validators.validator_for(service, default=jsonschema.Draft202012Validator)
    return cls(service, registry=registry)


def without_ids(value):
    """The document without record ids: each database numbers its own records."""
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k not in ("id", "organization_id")}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


def main():
    tafel, hsds = sys.argv[1], pathlib.Path(sys.argv[2])
    check = validator(hsds / "schema")
    with tempfile.TemporaryDirectory(prefix="tafel-hsds-") as tmp:
        root = pathlib.Path(tmp)

        # 1. The demo city's catalogue, exported and validated.
        demo = Instance(root, "demo")
        run(tafel, "demo", *demo.args())
        exported = export(tafel, demo, root / "demo.json")
        assert isinstance(exported, list) and len(exported) >= 12, f"expected a dozen services, got {len(exported)}"
        for i, service in enumerate(exported):
            errors = sorted(check.iter_errors(service), key=lambda e: list(e.absolute_path))
            assert not errors, f"$[{i}] ({service.get('name')}): " + "; ".join(
                f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)
            assert "x-tafel-capacity" in service, f"$[{i}] has no capacity"
        waiting = [s for s in exported if s["x-tafel-capacity"]["people_waiting"] > 0]
        assert len(waiting) >= 6, "the demo city has waiting lists"
        print(f"1. {len(exported)} exported services validate against HSDS 3.0")

        # 2. Imported into a fresh database: the same catalogue.
        fresh = Instance(root, "fresh")
        out = run(tafel, "catalogue", "import", "--hsds", str(root / "demo.json"), *fresh.args())
        assert f"imported {len(exported)} new" in out.stderr, out.stderr
        again = export(tafel, fresh, root / "again.json")
        assert without_ids(again) == without_ids(exported), "the re-imported catalogue differs"
        assert [s["id"] for s in again] == [s["id"] for s in exported], "services keep their HSDS ids"
        # Importing the same document again replaces, it does not duplicate.
        out = run(tafel, "catalogue", "import", "--hsds", str(root / "again.json"), *fresh.args())
        assert f"imported 0 new and {len(exported)} updated" in out.stderr, out.stderr
        print("2. re-imported into a fresh database: the same catalogue")

        # 3. The three HSDS examples.
        for example in ("service_full.json", "organization_full.json", "service_at_location_full.json"):
            inst = Instance(root, example.removesuffix(".json"))
            run(tafel, "catalogue", "import", "--hsds", str(hsds / "examples" / example), *inst.args())
            got = export(tafel, inst, root / f"{example}.out.json")
            assert [s["name"] for s in got] == ["Community Counselling"], got
            s = got[0]
            assert s["organization"]["name"] == "Example Organization Inc.", s["organization"]
            assert s["email"] == "email@example.com"
            assert {x["byday"] for x in s["schedules"]} == {"TH,FR"}, s["schedules"]
            assert [l["code"] for l in s["languages"]] == ["ur"]
            for e in check.iter_errors(s):
                sys.exit(f"{example} re-exported: {e.message}")
        print("3. the three HSDS examples import")

        # 4. A broken document: every refusal with its path, nothing imported.
        broken = copy.deepcopy(exported)
        broken[2]["schedules"][0]["byday"] = "MO,XX"
        del broken[5]["name"]
        broken[7]["x-tafel-capacity"]["places"] = -3
        (root / "broken.json").write_text(json.dumps(broken))
        empty = Instance(root, "broken")
        out = run(tafel, "catalogue", "import", "--hsds", str(root / "broken.json"), *empty.args(), expect=1)
        for path in ("$[2].schedules[0].byday: ", "$[5].name: ", "$[7]: capacity"):
            assert path in out.stderr, f"{path!r} not reported:\n{out.stderr}"
        assert export(tafel, empty, root / "none.json") == [], "nothing is imported on a refusal"
        out = run(tafel, "catalogue", "import", "--partial", "--hsds", str(root / "broken.json"), *empty.args())
        assert len(export(tafel, empty, root / "partial.json")) == len(exported) - 3
        print("4. a broken document reports its paths and imports nothing; --partial imports the rest")


if __name__ == "__main__":
    main()
