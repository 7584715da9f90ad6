#!/usr/bin/env python3
"""Writes small valid body.glb files for the glb fuzz corpus: the same layout as the baked
model (scene 0 "full", scene 1 "tablet", one node per structure with extras, POSITION,
NORMAL, indices and an optional per-vertex _DERM_KG attribute) but a tetrahedron per
structure, so each file is a few hundred bytes. Usage: make_glb_seed.py OUT_DIR"""
import json
import os
import struct
import sys

TETRA = [(0, 0, 0), (10, 0, 0), (0, 10, 0), (0, 0, 10)]
TRIS = [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]


def build(structures, tablet, ctype):
    """structures: list of (id, kind, side, layer, name, with_attr)."""
    bin_ = bytearray()
    views, accs, meshes, nodes = [], [], [], []

    def add(data, count, type_, comp):
        while len(bin_) % 4:
            bin_.append(0)
        views.append({"buffer": 0, "byteOffset": len(bin_), "byteLength": len(data)})
        bin_.extend(data)
        accs.append({"bufferView": len(views) - 1, "componentType": comp, "count": count,
                     "type": type_})
        return len(accs) - 1

    for sid, kind, side, layer, name, with_attr in structures:
        pos = b"".join(struct.pack("<3f", *v) for v in TETRA)
        nrm = b"".join(struct.pack("<3f", 0.57735, 0.57735, 0.57735) for _ in TETRA)
        fmt = {5121: "B", 5123: "H", 5125: "I"}[ctype]
        idx = struct.pack("<%d%s" % (len(TRIS), fmt), *TRIS)
        attrs = {"POSITION": add(pos, 4, "VEC3", 5126), "NORMAL": add(nrm, 4, "VEC3", 5126)}
        if with_attr:
            attrs["_DERM_KG"] = add(struct.pack("<4f", 0, 5, 6, 7), 4, "SCALAR", 5126)
        prim = {"attributes": attrs, "indices": add(idx, len(TRIS), "SCALAR", ctype), "mode": 4}
        meshes.append({"primitives": [prim]})
        nodes.append({"name": sid, "mesh": len(meshes) - 1,
                      "extras": {"kind": kind, "side": side, "layer": layer, "name": name,
                                 "fma_id": "FMA:12345"}})
    n = len(structures)
    scenes = [{"name": "full", "nodes": list(range(n))}]
    if tablet:
        # the tablet level reuses the meshes of the first structures
        for i in range(min(tablet, n)):
            nodes.append({"name": structures[i][0], "mesh": i})
        scenes.append({"name": "tablet", "nodes": list(range(n, n + min(tablet, n)))})
    while len(bin_) % 4:
        bin_.append(0)
    doc = {"asset": {"version": "2.0", "generator": "painmap fuzz seed"}, "scene": 0,
           "scenes": scenes, "nodes": nodes, "meshes": meshes, "accessors": accs,
           "bufferViews": views, "buffers": [{"byteLength": len(bin_)}]}
    js = json.dumps(doc, separators=(",", ":")).encode()
    while len(js) % 4:
        js += b" "
    total = 12 + 8 + len(js) + 8 + len(bin_)
    out = struct.pack("<III", 0x46546C67, 2, total)
    out += struct.pack("<II", len(js), 0x4E4F534A) + js
    out += struct.pack("<II", len(bin_), 0x004E4942) + bytes(bin_)
    return out


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    skin = ("skin", "skin", "midline", "skin", "Skin", True)
    femur = ("femur_r", "bone", "right", "bones", "Right femur", False)
    piri = ("piriformis_l", "muscle", "left", "deep_muscles", "Left piriformis", False)
    files = {
        "one_structure.glb": build([femur], 0, 5123),
        "two_scenes.glb": build([skin, femur, piri], 2, 5125),
        "u8_indices.glb": build([femur, piri], 1, 5121),
    }
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
