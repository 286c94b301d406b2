//! Shutdown: one token for the whole process, tripped by Ctrl-C or SIGTERM (or by a
//! test), which every loop watches. Loops finish the work in hand, ack it, and return.

pub use tokio_util::sync::CancellationToken as Shutdown;

/// A token that is cancelled on Ctrl-C (SIGINT) or SIGTERM.
pub fn on_signals() -> Shutdown {
    let token = Shutdown::new();
    let trip = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(term) => term,
                    Err(_) => {
                        let _ = ctrl_c.await;
                        trip.cancel();
                        return;
                    }
                };
            tokio::select! {
                _ = ctrl_c => {},
                _ = term.recv() => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = ctrl_c.await;
        }
        tracing::info!("shutdown requested: finishing work in hand");
        trip.cancel();
    });
    token
}
