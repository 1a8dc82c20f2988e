/**
 * The Content-Security-Policy nonce of the current document. The server puts it in context so
 * that Remix's own inline scripts carry it; in the browser it is empty (browsers hide the nonce
 * attribute from the page once it has been checked).
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");

export const useNonce = (): string => useContext(NonceContext);
