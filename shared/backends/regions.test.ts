import { describe, expect, it } from "vitest";
import { clientLocation, distanceKm, orderBackends, regionDistanceKm, REGIONS, type Region } from "./regions.js";

const everyRegion = REGIONS.map((region, i) => ({ region, name: `${region}-${i}` }));
const nearest = (cf: Record<string, unknown>): Region => orderBackends(everyRegion, cf)[0].region;
const at = (latitude: string, longitude: string) => ({ latitude, longitude });

describe("regions", () => {
  it("are the nine Durable Object location hints", () => {
    expect(REGIONS).toEqual(["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"]);
  });
  it("measure great-circle distances (London–New York ≈ 5570 km)", () => {
    expect(distanceKm({ lat: 51.5074, lon: -0.1278 }, { lat: 40.7128, lon: -74.006 })).toBeCloseTo(5570, -1);
    expect(distanceKm({ lat: 10, lon: 20 }, { lat: 10, lon: 20 })).toBe(0);
    expect(regionDistanceKm("weur", { lat: 50, lon: 3 })).toBe(0);
  });
});

describe("clientLocation", () => {
  it("reads request.cf latitude/longitude strings", () => {
    expect(clientLocation({ latitude: "51.50740", longitude: "-0.12780", continent: "EU" })).toEqual({ lat: 51.5074, lon: -0.1278 });
  });
  it("falls back to the continent when coordinates are missing or invalid", () => {
    const eu = clientLocation({ continent: "EU" });
    expect(eu).toBeDefined();
    for (const bad of [at("", "8"), at("91", "8"), at("50", "181"), at("abc", "8"), { latitude: "50" }]) {
      expect(clientLocation({ ...bad, continent: "EU" })).toEqual(eu);
    }
  });
  it("is undefined without cf, coordinates or a known continent", () => {
    expect(clientLocation(undefined)).toBeUndefined();
    expect(clientLocation({})).toBeUndefined();
    expect(clientLocation({ continent: "XX", colo: "FRA" })).toBeUndefined();
    expect(clientLocation({ continent: "__proto__" })).toBeUndefined();
  });
});

describe("orderBackends", () => {
  it("puts the client's region first", () => {
    expect(nearest(at("51.5074", "-0.1278"))).toBe("weur"); // London
    expect(nearest(at("35.6762", "139.6503"))).toBe("apac"); // Tokyo
    expect(nearest(at("-23.5505", "-46.6333"))).toBe("sam"); // São Paulo
    expect(nearest(at("-33.8688", "151.2093"))).toBe("oc"); // Sydney
    expect(nearest(at("40.7128", "-74.0060"))).toBe("enam"); // New York
    expect(nearest(at("34.0522", "-118.2437"))).toBe("wnam"); // Los Angeles
    expect(nearest(at("52.2297", "21.0122"))).toBe("eeur"); // Warsaw
    expect(nearest(at("25.2048", "55.2708"))).toBe("me"); // Dubai
    expect(nearest(at("-26.2041", "28.0473"))).toBe("afr"); // Johannesburg
    expect(nearest(at("1.3521", "103.8198"))).toBe("apac"); // Singapore
  });
  it("uses the continent when that is all there is (Frankfurt, EU)", () => {
    expect(["weur", "eeur"]).toContain(nearest({ continent: "EU", country: "DE", colo: "FRA" }));
    expect(nearest({ continent: "SA" })).toBe("sam");
    expect(nearest({ continent: "OC" })).toBe("oc");
  });
  it("orders whole lists by distance (London: weur, eeur, … oc last)", () => {
    const order = orderBackends(everyRegion, at("51.5074", "-0.1278")).map((b) => b.region);
    expect(order.slice(0, 2)).toEqual(["weur", "eeur"]);
    expect(order.at(-1)).toBe("oc");
  });
  it("is stable: backends of one region keep their configuration order", () => {
    const list = [
      { region: "apac" as const, name: "a1" },
      { region: "weur" as const, name: "w1" },
      { region: "apac" as const, name: "a2" },
      { region: "weur" as const, name: "w2" },
    ];
    expect(orderBackends(list, at("48.8566", "2.3522")).map((b) => b.name)).toEqual(["w1", "w2", "a1", "a2"]);
  });
  it("keeps configuration order without a location, in a new array", () => {
    const list = [...everyRegion].reverse();
    const ordered = orderBackends(list, undefined);
    expect(ordered).toEqual(list);
    expect(ordered).not.toBe(list);
    expect(orderBackends(list, { colo: "FRA" })).toEqual(list);
  });
});
