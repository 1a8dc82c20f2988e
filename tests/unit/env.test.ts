import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "~/env.server";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_PATH: "data/app.db", NODE_ENV: "production", COOKIE_SECURE: true, SEED_DEMO: true });
  });
  it("reads overrides and lets COOKIE_SECURE follow NODE_ENV unless set", () => {
    expect(parseEnv({ PORT: "8080", NODE_ENV: "development" })).toMatchObject({ PORT: 8080, COOKIE_SECURE: false });
    expect(parseEnv({ NODE_ENV: "production", COOKIE_SECURE: "false" }).COOKIE_SECURE).toBe(false);
  });
  it("names the variable, its value and what was expected", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT="eighty": expected a port number/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT="70000": expected a port between 1 and 65535/);
    expect(() => parseEnv({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO="maybe": expected true or false/);
    expect(() => parseEnv({ SESSION_IDLE_MINUTES: "0" })).toThrow(/SESSION_IDLE_MINUTES="0": expected between 1 and 43200 minutes/);
    expect(() => parseEnv({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES="soon": expected a number of minutes/);
  });
  it("ends idle sessions after 120 minutes unless SESSION_IDLE_MINUTES says otherwise", () => {
    expect(parseEnv({}).SESSION_IDLE_MINUTES).toBe(120);
    expect(parseEnv({ SESSION_IDLE_MINUTES: "30" }).SESSION_IDLE_MINUTES).toBe(30);
  });
  it("takes PUBLIC_BASE_URL as a scheme and host only (the posters' short links), without a trailing slash", () => {
    expect(parseEnv({}).PUBLIC_BASE_URL).toBeUndefined();
    expect(parseEnv({ PUBLIC_BASE_URL: "https://report.example.org/" }).PUBLIC_BASE_URL).toBe("https://report.example.org");
    expect(() => parseEnv({ PUBLIC_BASE_URL: "report.example.org" })).toThrow(/PUBLIC_BASE_URL="report.example.org": expected an http\(s\) address/);
    expect(() => parseEnv({ PUBLIC_BASE_URL: "https://example.org/report" })).toThrow(/PUBLIC_BASE_URL="https:\/\/example.org\/report": expected only a scheme and host/);
  });
});
