// The demo simulators are plain Node ESM; journeys that start their own instance import them untyped.
declare module '*.mjs';
