/**
 * The webhook page's forms (decision 038). The shapes only: the domain checks the meaning (the
 * address resolved and not private unless allowed, the subscription the organisation's own).
 */
import { z } from "zod";
import { WEBHOOK_EVENTS } from "./events";

/** A checkbox group: nothing ticked sends no field, one ticked a string, several a list. */
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const id = (message: string) => z.string().default("").transform(Number).pipe(z.number().int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message));

export const CreateWebhookSchema = z.object({
  intent: z.literal("create"),
  url: z.string().default("").transform((v) => v.trim()).pipe(z.string().min(1, "api:webhooks.errors.url").max(2000, "api:webhooks.errors.url")),
  // One message for the whole group: an unknown event is a forged form, nothing ticked a slip; both
  // are answered beside the group, never quietly narrowed to the known ones.
  events: list.refine((v) => v.length > 0 && v.every((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e)), "api:webhooks.errors.events"),
  allowPrivate: z.string().optional().transform((v) => v === "on" || v === "true"),
});

export const DisableWebhookSchema = z.object({ intent: z.literal("disable"), subscriptionId: id("api:webhooks.errors.subscription") });
export const ReplayDeliverySchema = z.object({ intent: z.literal("replay"), deliveryId: id("api:webhooks.errors.delivery") });

export const WebhooksPageSchema = z.discriminatedUnion("intent", [CreateWebhookSchema, DisableWebhookSchema, ReplayDeliverySchema]);
