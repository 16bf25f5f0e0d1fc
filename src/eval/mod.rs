//! Alignment quality: strict and lax precision, recall and F1 (Sennrich & Volk 2010). (placeholder)
