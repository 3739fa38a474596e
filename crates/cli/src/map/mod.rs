//! `silkroute map`: the network (and a chosen route) drawn over a base map
//! of country borders and coastlines, as SVG or PNG.
//!
//! The drawing is an equidistant cylindrical projection ([`projection`]) of
//! the Natural Earth 1:110m countries embedded from `assets/` (public
//! domain, [`basemap`]), legs coloured by mode or corridor ([`style`]),
//! terminals as dots, the busiest hubs labelled ([`labels`]), a legend
//! ([`legend`]) and a title ([`caption`]); [`document`] assembles the SVG
//! and [`png`] renders it with `resvg` and the system fonts (without any
//! font the PNG keeps everything but the text).
//!
//! Legs carry only their end points, so a sea leg drawn straight would cut
//! across continents (Colombo–Port Said over Arabia). A sea or ferry leg
//! whose straight line crosses land is drawn along a small schematic graph
//! of sea lanes instead ([`lanes`], [`geometry`]), through the passages the
//! leg declares (Suez, the Cape, Malacca…) and none that it does not.
//!
//! The module draws routes; it does not find them. [`routes_for_map`] is
//! the one place where the command asks the engine for the route to draw.

mod basemap;
mod caption;
mod document;
mod geometry;
mod labels;
mod lanes;
mod legend;
mod png;
mod projection;
mod style;

use crate::output::CliError;
use crate::route_cmds::RouteOptions;
use clap::{Args, ValueEnum};
use silkroute_bindings::Engine;
use silkroute_bindings::v1::{ErrorBody, ErrorKind};
use silkroute_routing::{Route, Router};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The network the map draws (with the command's scenarios applied) and
/// the route it highlights: the engine's best route for `--from`/`--to`
/// with the command's options, or none without them. The only routing the
/// map command does.
///
/// # Errors
/// A no-result error when no route exists, a usage error for a bad request
/// or scenario.
pub(crate) fn routes_for_map(
    engine: &Engine,
    args: &MapArgs,
) -> Result<(Router, Option<Route>), CliError> {
    let usage = |e: ErrorBody| CliError::Usage(e.message);
    let router = engine
        .router_for(&args.options.scenarios().map_err(usage)?)
        .map_err(usage)?;
    let (Some(from), Some(to)) = (&args.from, &args.to) else {
        return Ok((router, None));
    };
    let request = args.options.request(from, to, &[]).map_err(usage)?;
    match engine.route(&request) {
        Ok(mut routes) => Ok((router, routes.drain(..).next())),
        Err(e) if e.kind == ErrorKind::NoRoute => Err(CliError::NoResult(e.message)),
        Err(e) => Err(CliError::Usage(e.message)),
    }
}

/// What colours the legs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorBy {
    /// Rail, road, sea and ferry.
    Mode,
    /// The leg's most specific corridor tag.
    Corridor,
}

/// What the map's frame covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Extent {
    /// Every leg and terminal of the network.
    Network,
    /// The route, with a margin (the network when there is no route).
    Route,
}

/// Arguments of `silkroute map`.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    /// Origin of a route to highlight (with --to).
    #[arg(
        long,
        value_name = "TERMINAL",
        requires = "to",
        allow_hyphen_values = true
    )]
    pub from: Option<String>,
    /// Destination of the route to highlight (with --from).
    #[arg(
        long,
        value_name = "TERMINAL",
        requires = "from",
        allow_hyphen_values = true
    )]
    pub to: Option<String>,
    #[command(flatten)]
    pub options: RouteOptions,
    /// What colours the legs.
    #[arg(long, value_enum, default_value = "mode")]
    pub color_by: ColorBy,
    /// The file to write: FILE.svg or FILE.png.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Width of the image in pixels.
    #[arg(long, value_name = "PX", default_value_t = 1600,
          value_parser = clap::value_parser!(u32).range(400..=8000))]
    pub width: u32,
    /// What the map shows: the whole network, or the route and its
    /// surroundings [default: route when --from/--to are given].
    #[arg(long, value_enum)]
    pub extent: Option<Extent>,
    /// Title (default: the route's endpoints, or the network's name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Runs `silkroute map`.
///
/// # Errors
/// A usage error for an unknown terminal, a bad option or an unsupported
/// extension; a no-result error when no route exists; a file error when the
/// image cannot be written.
pub fn run(args: &MapArgs, out: crate::output::Out<'_>) -> Result<(), CliError> {
    let kind = ImageKind::of(&args.output)?;
    let engine = args
        .options
        .engine(silkroute_routing::RouterLimits::default())?;
    let (router, route) = routes_for_map(&engine, args)?;
    let net = router.network();
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| caption::default_title(net, route.as_ref(), args));
    let subtitle = caption::subtitle(net, route.as_ref(), args);
    let svg = document::render_svg(&document::MapSpec {
        net,
        route: route.as_ref(),
        color_by: args.color_by,
        extent: args.extent.unwrap_or(if route.is_some() {
            Extent::Route
        } else {
            Extent::Network
        }),
        width: f64::from(args.width),
        title: &title,
        subtitle: &subtitle,
    });
    let bytes = match kind {
        ImageKind::Svg => svg.into_bytes(),
        ImageKind::Png => {
            let rendered = png::svg_to_png(&svg)?;
            if !rendered.fonts {
                writeln!(
                    std::io::stderr(),
                    "note: no system font found, so the PNG has no text; the SVG version keeps it"
                )?;
            }
            rendered.png
        }
    };
    write_file(&args.output, &bytes)?;
    writeln!(out, "wrote {}", args.output.display())?;
    Ok(())
}

/// The image format, told by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageKind {
    Svg,
    Png,
}

impl ImageKind {
    fn of(path: &Path) -> Result<ImageKind, CliError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(ImageKind::Svg),
            Some("png") => Ok(ImageKind::Png),
            _ => Err(CliError::Usage(format!(
                "cannot tell the image format of {}: name it FILE.svg or FILE.png",
                path.display()
            ))),
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|source| CliError::File {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_kind_comes_from_the_extension() {
        assert_eq!(
            ImageKind::of(Path::new("a/b.SVG")).ok(),
            Some(ImageKind::Svg)
        );
        assert_eq!(ImageKind::of(Path::new("b.png")).ok(), Some(ImageKind::Png));
        assert!(matches!(
            ImageKind::of(Path::new("b.gif")),
            Err(CliError::Usage(m)) if m.contains("b.gif")
        ));
        assert!(ImageKind::of(Path::new("noext")).is_err());
    }
}
