//! The build `tree` and `audit` look at: the packages chosen, in the build
//! graph cargo resolves, for a target and the features cargo turns on.

use crate::cargo::{Cargo, Graph, rustc_cfg, rustc_host};
use crate::cli::Common;
use crate::error::Error;
use crate::shell::Shell;
use crate::workspace::{self, Package};
use cargo_metadata::Metadata;
use cargo_platform::Cfg;
use std::path::{Path, PathBuf};

/// Whose dependency edges the build graph holds.
#[derive(Debug, Clone, Copy)]
pub enum Platforms {
    /// The target's alone: what a build for it has.
    Target,
    /// Every platform's: what any build could have.
    Every,
}

/// The packages chosen and the build graph they are in.
pub struct Build {
    /// The build graph.
    pub metadata: Metadata,
    /// The packages chosen, as cargo chooses them.
    pub packages: Vec<Package>,
    /// The target triple: `--target`'s, or the host's.
    pub target: String,
    /// The workspace root's `Cargo.toml`.
    pub workspace: PathBuf,
    /// The directory of the manifest at hand, where rustc runs.
    dir: PathBuf,
}

impl Build {
    /// The packages `common` chooses, in the graph of `platforms` with
    /// every feature on, for the target (`target`, or the host's).
    pub fn resolve(
        cargo: &Cargo,
        common: &Common,
        target: Option<&String>,
        platforms: Platforms,
        shell: &Shell,
    ) -> Result<Build, Error> {
        let manifest = workspace::locate(common.manifest_path())?;
        let dir = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
        let target = match target {
            Some(target) => target.clone(),
            None => rustc_host(&dir, shell)?,
        };
        let graph = match platforms {
            Platforms::Target => Graph::Target(&target),
            Platforms::Every => Graph::Every,
        };
        let metadata = cargo.metadata(&manifest, graph)?;
        let packages = workspace::select(&metadata, &manifest, &common.workspace)?;
        let workspace = metadata
            .workspace_root
            .join("Cargo.toml")
            .into_std_path_buf();
        Ok(Build {
            metadata,
            packages,
            target,
            workspace,
            dir,
        })
    }

    /// rustc's cfg values for the target.
    pub fn rustc_cfg(&self, shell: &Shell) -> Result<Vec<Cfg>, Error> {
        rustc_cfg(&self.dir, &self.target, shell)
    }

    /// The features cargo turns on in a build of `package` alone under
    /// `features`, and the cfg values of that build: `rustc`'s and those
    /// features.
    pub fn features(
        &self,
        cargo: &Cargo,
        package: &Package,
        features: &clap_cargo::Features,
        rustc: &[Cfg],
    ) -> Result<(Vec<String>, Vec<Cfg>), Error> {
        let on = cargo.features(&self.workspace, &package.id, features, &self.target)?;
        let mut cfg = rustc.to_vec();
        cfg.extend(
            on.iter()
                .map(|feature| Cfg::KeyPair("feature".to_owned(), feature.clone())),
        );
        Ok((on, cfg))
    }
}
