//! Shared fixtures for the workspace tests.
