// Preloaded into Clarifai's own client test suites (mocha --require): every gRPC client they create connects to the
// local server named by CLARIFAI_LOCAL_TARGET (host:port) over plaintext, instead of api.clarifai.com over TLS.
// Only the host, TLS and credentials are redirected; the suites' tests and assertions run as published.
"use strict";
const path = require("path");

const target = process.env.CLARIFAI_LOCAL_TARGET;
if (!target) throw new Error("CLARIFAI_LOCAL_TARGET (host:port of the local server) is not set");

// The grpc-js instance the client package uses (its own copy if it has one, else the hoisted one).
const packageDir = process.env.CLARIFAI_SUITE_PACKAGE_DIR || process.cwd();
const grpcDir = path.dirname(require.resolve("@grpc/grpc-js/package.json", { paths: [packageDir] }));
const grpc = require(grpcDir);
const clientModule = require(path.join(grpcDir, "build/src/client"));

// Service clients are made with makeGenericClientConstructor, whose classes extend clientModule.Client when created
// (after this preload): a subclass that replaces the address and the credentials redirects every one of them.
const Original = clientModule.Client;
class LocalServerClient extends Original {
    constructor(_address, _credentials, options) {
        super(target, grpc.credentials.createInsecure(), options);
    }
}
clientModule.Client = LocalServerClient;
