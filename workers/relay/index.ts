/**
 * The edge relay Worker. So far it answers only `GET /v1` (the version); the relay route arrives
 * with issue #4.
 * @module
 */
import { Hono } from "hono";
import { VERSION } from "./version.js";

const app = new Hono();

// pocket-core answers the version as a JSON string (spec §1.1).
app.get("/v1", (c) => c.json(VERSION));

export default app;
