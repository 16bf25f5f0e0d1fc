//! Progress bars. (being written)
