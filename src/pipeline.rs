//! One article through the whole pipeline. (being written)
