//! TSV export. (being written)
