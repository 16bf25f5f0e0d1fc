//! Chinese sentence splitting. (placeholder: to be written)

pub fn split(text: &str) -> Vec<String> {
    let t = text.trim();
    if t.is_empty() { vec![] } else { vec![t.to_string()] }
}
