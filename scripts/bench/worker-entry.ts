// A throwaway Worker that runs the crypto cases inside workerd for `npm run bench:protocol`.
import { runCryptoBench } from "./crypto-cases.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const n = Number(new URL(request.url).searchParams.get("n") ?? "500");
    return Response.json(await runCryptoBench(n));
  },
};
