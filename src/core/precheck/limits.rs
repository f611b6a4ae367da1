//! Why part of the pre-check could not run, in plain Chinese. The browser glue reports these;
//! the wording lives here with the rest of the pre-check's words.

/// Which side of the video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 画面.
    Picture,
    /// 声音.
    Sound,
}

impl Side {
    fn word(self) -> &'static str {
        match self {
            Side::Picture => "画面",
            Side::Sound => "声音",
        }
    }
}

/// The browser has no WebCodecs decoder for this side.
pub fn no_decoder(side: Side) -> String {
    format!(
        "此浏览器不支持 WebCodecs {}解码，未检查{}，请自行确认（可换用新版 Chrome、Edge 或 Firefox）",
        side.word(),
        side.word()
    )
}

/// The browser cannot decode this codec.
pub fn codec_unsupported(side: Side, codec: &str) -> String {
    format!(
        "此浏览器不能解码这段{}（{codec}），未检查{}，请自行确认",
        side.word(),
        side.word()
    )
}

/// Decoding failed part-way.
pub fn decode_failed(side: Side, why: &str) -> String {
    format!("{}解码失败（{why}），未检查{}", side.word(), side.word())
}
