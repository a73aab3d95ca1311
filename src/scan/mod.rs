//! Paths -> bytes: walking, reading header bytes, and the parallel pipeline that turns a
//! stream of paths into batches of rows.

pub mod pipeline;
pub mod progress;
pub mod read;
pub mod walk;
