//! Names: pinyin of Chinese words against capitalised English words. (being written)
