//! The `dicomleak` binary: parses arguments, calls the library, maps errors to exit codes
//! (0 done, 2 fatal).

use std::process::ExitCode;

use clap::Parser;
use dicomleak::cli::{Cli, Command};
use dicomleak::commands::{dump, report, scan};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump { file, compact } => dump::run(&file, compact).map_err(anyhow::Error::from),
        Command::Scan {
            paths,
            out,
            files_from,
            null,
            follow_symlinks,
            threads,
            key_file,
            reveal,
            no_score,
            quiet,
            overwrite,
        } => {
            let args = scan::ScanArgs {
                paths,
                files_from,
                null_separated: null,
                out,
                follow_symlinks,
                threads: threads.map(|t| t as usize),
                key_file,
                reveal,
                score: !no_score,
                quiet,
                overwrite,
                command_line: std::env::args_os()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
            };
            scan::run(&args)
                .map(|summary| {
                    if !quiet {
                        eprintln!("{}", scan::summary_text(&summary));
                    }
                })
                .map_err(anyhow::Error::from)
        }
        Command::Report {
            inputs,
            json,
            html,
            top,
            quiet,
        } => report::run(&report::ReportArgs {
            inputs,
            json,
            html,
            top,
            quiet,
        })
        .map_err(anyhow::Error::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dicomleak: {}", error_message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each cause once: most of our errors already name their cause
/// in their own message (`cannot read key file K: No such file or directory`), and
/// printing the chain as well would say it two or three times.
fn error_message(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}
