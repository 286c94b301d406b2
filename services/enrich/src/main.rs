//! `marsad-enrich`: reads settings, starts telemetry, runs the service.

use clap::Parser;
use marsad_runtime::settings::Layered;

/// jemalloc: a message is decoded into many small strings, freed once it is handled;
/// glibc's malloc and free took a third of the aggregator's CPU under `marsad bench`
/// (perf), and all processes use 10% less CPU per article with jemalloc (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    version,
    about = "Marsad enrich: read the Arabic, extract entities, quotes, dates and counts"
)]
struct Args {
    /// Settings file (TOML); `MARSAD__SECTION__KEY` variables override it.
    #[arg(long, env = "MARSAD_CONFIG")]
    config: Option<std::path::PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let settings = marsad_enrich::Settings::load(args.config.as_deref())?;
    marsad_runtime::service::run_process(
        settings.log.clone(),
        settings.runtime.clone(),
        |shutdown| marsad_enrich::run(settings, shutdown),
    )
}
