"""The site hooks and the pure functions they call: parity, alternates, search index, page config, bundle,
CSP."""
