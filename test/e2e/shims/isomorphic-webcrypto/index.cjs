// pocket-js only calls `default.subtle.digest` (SHA-256 of a public key): the platform's WebCrypto.
module.exports = globalThis.crypto;
