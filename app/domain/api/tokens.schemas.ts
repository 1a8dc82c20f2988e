/** The API token page's forms (decision 037). The domain checks the meaning: at least one scope, an administrator. */
import { z } from "zod";
import { API_RESOURCES, RESOURCE_LEVELS, TOKEN_LIFETIMES, type ApiResource } from "./scopes";

const level = (levels: readonly [string, ...string[]]) => z.string().default("none").pipe(z.enum(levels, { message: "api:errors.scope" }));

export const CreateTokenSchema = z.object({
  intent: z.literal("create"),
  name: z.string().default("").transform((v) => v.trim()).pipe(z.string().min(1, "api:errors.name").max(100, "api:errors.nameLong")),
  lifetime: z.string().default("").transform(Number).pipe(z.number().refine((d) => (TOKEN_LIFETIMES as readonly number[]).includes(d), "api:errors.lifetime")),
  // One `scope_<resource>` field per resource, offering that resource's levels.
  ...(Object.fromEntries(API_RESOURCES.map((r) => [`scope_${r}`, level(RESOURCE_LEVELS[r])])) as Record<`scope_${ApiResource}`, ReturnType<typeof level>>),
});

export const RevokeTokenSchema = z.object({
  intent: z.literal("revoke"),
  tokenId: z.string().default("").transform(Number).pipe(z.number().int().positive("api:errors.token")),
});

export const ApiTokensPageSchema = z.discriminatedUnion("intent", [CreateTokenSchema, RevokeTokenSchema]);
export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;
