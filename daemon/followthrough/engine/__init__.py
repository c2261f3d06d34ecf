"""The pass: reading, drafting, planning, policy, composing, relations, digest, preview, gallery."""
