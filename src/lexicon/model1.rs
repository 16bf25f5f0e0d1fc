//! IBM Model 1 learned from a document's confident links. (being written)
