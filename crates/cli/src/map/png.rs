//! The PNG: the SVG rendered by `resvg` with the system fonts.

use crate::output::CliError;
use resvg::{tiny_skia, usvg};

/// A rendered map.
pub(super) struct Rendered {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// Whether any system font was found (without one, text is left out).
    pub fonts: bool,
}

/// Renders an SVG document to PNG at its own size.
///
/// # Errors
/// A usage error when the SVG does not parse, the image is too large to
/// allocate or the PNG cannot be encoded.
pub(super) fn svg_to_png(svg: &str) -> Result<Rendered, CliError> {
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let fonts = !opt.fontdb.is_empty();
    opt.font_family = "DejaVu Sans".to_string();
    let tree = usvg::Tree::from_str(svg, &opt)
        .map_err(|e| CliError::Usage(format!("cannot render the map: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| CliError::Usage("cannot render the map: image too large".to_string()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap
        .encode_png()
        .map_err(|e| CliError::Usage(format!("cannot encode the PNG: {e}")))?;
    Ok(Rendered { png, fonts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_renders_at_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#ff0000"/></svg>"##;
        let r = svg_to_png(svg).expect("renders");
        let img = tiny_skia::Pixmap::decode_png(&r.png).expect("a PNG");
        assert_eq!((img.width(), img.height()), (40, 30));
        assert_eq!(
            img.pixel(20, 15).map(|p| (p.red(), p.green(), p.blue())),
            Some((255, 0, 0))
        );
    }

    #[test]
    fn bad_svg_is_an_error() {
        assert!(
            matches!(svg_to_png("<svg"), Err(CliError::Usage(m)) if m.contains("cannot render"))
        );
    }
}
