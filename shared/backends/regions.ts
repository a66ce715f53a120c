/**
 * Backend regions and "which is nearest to this client". Regions carry the names of Cloudflare's
 * Durable Object location hints (`wnam … me`), so a backend's region can also place the objects
 * that work next to it. Distances are great-circle distances between rough centroids: good enough
 * to tell Frankfurt from Tokyo, which is all that ordering backends needs.
 * @module
 */

/** A point on Earth in degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/**
 * Approximate centroid of each region, placed where its data centres cluster rather than at its
 * geographic middle (`sam` near São Paulo, `afr` between Lagos and Johannesburg).
 */
export const REGION_CENTROIDS = {
  wnam: { lat: 38.5, lon: -118.0 },
  enam: { lat: 39.5, lon: -77.0 },
  sam: { lat: -20.0, lon: -50.0 },
  weur: { lat: 50.0, lon: 3.0 },
  eeur: { lat: 50.5, lon: 22.0 },
  apac: { lat: 22.0, lon: 115.0 },
  oc: { lat: -31.0, lon: 145.0 },
  afr: { lat: -5.0, lon: 22.0 },
  me: { lat: 25.0, lon: 50.0 },
} as const satisfies Record<string, LatLon>;

/** A Durable Object location hint, used here as a backend region. */
export type Region = keyof typeof REGION_CENTROIDS;

/** The nine regions, in the order Cloudflare documents them. */
export const REGIONS = Object.keys(REGION_CENTROIDS) as readonly Region[];

/** Whether `value` names one of the nine regions. */
export function isRegion(value: unknown): value is Region {
  return typeof value === "string" && Object.hasOwn(REGION_CENTROIDS, value);
}

// `request.cf.continent` → a point, for clients Cloudflare could not place more precisely.
const CONTINENT_CENTROIDS: Readonly<Record<string, LatLon>> = {
  NA: { lat: 40.0, lon: -97.0 },
  SA: { lat: -15.0, lon: -58.0 },
  EU: { lat: 50.0, lon: 10.0 },
  AS: { lat: 30.0, lon: 100.0 },
  OC: { lat: -27.0, lon: 140.0 },
  AF: { lat: 3.0, lon: 20.0 },
  AN: { lat: -80.0, lon: 0.0 },
};

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in km. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance in km from a region's centroid to `location`. */
export function regionDistanceKm(region: Region, location: LatLon): number {
  return distanceKm(REGION_CENTROIDS[region], location);
}

// `request.cf` gives coordinates as strings ("51.50740"); accept numbers too for hand-made objects.
function coordinate(value: unknown, limit: number): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/**
 * Where the client is, from the Workers `request.cf` object: its `latitude`/`longitude` when both
 * are valid, else the centroid of its `continent`, else `undefined` (no `cf` object, e.g. in tests
 * or behind some proxies).
 * @example clientLocation({ latitude: "51.50740", longitude: "-0.12780" }) // { lat: 51.5074, lon: -0.1278 }
 */
export function clientLocation(cf: Record<string, unknown> | undefined): LatLon | undefined {
  if (!cf) return undefined;
  const lat = coordinate(cf.latitude, 90);
  const lon = coordinate(cf.longitude, 180);
  if (lat !== undefined && lon !== undefined) return { lat, lon };
  const continent = cf.continent;
  return typeof continent === "string" && Object.hasOwn(CONTINENT_CENTROIDS, continent) ? CONTINENT_CENTROIDS[continent] : undefined;
}

/**
 * The backends nearest-region-first for the client described by `cf`. The sort is stable, so
 * backends of one region keep their configuration order, and without a location the configuration
 * order is returned unchanged (as a new array).
 */
export function orderBackends<B extends { readonly region: Region }>(backends: readonly B[], cf: Record<string, unknown> | undefined): B[] {
  const location = clientLocation(cf);
  if (!location) return [...backends];
  const distance = new Map<Region, number>();
  for (const b of backends) if (!distance.has(b.region)) distance.set(b.region, regionDistanceKm(b.region, location));
  return [...backends].sort((a, b) => distance.get(a.region)! - distance.get(b.region)!);
}
