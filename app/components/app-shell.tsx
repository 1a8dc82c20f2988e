import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { OrgType, Role } from "#db/schema";
import { LanguageSwitcher, type OfferedLanguage } from "./language-switcher";
import { navigationFor, type NavItem } from "./nav";

export interface ShellUser {
  name: string;
  isPlatformAdmin: boolean;
}
export interface ShellMembership {
  orgId: number;
  orgType: OrgType;
  orgName: string;
  role: Role;
}

/** The frame of every page: skip link, header with navigation for the user's organisation type, main, footer. */
export function AppShell({ user, membership, languages, children }: { user: ShellUser | null; membership: ShellMembership | null; languages: OfferedLanguage[]; children: ReactNode }) {
  const { t } = useTranslation();
  // The words of the frame a page without an account shows (skip link, footer) are in `public`, the
  // namespace the worker languages have too; the rest (menu, navigation) appears only when signed in.
  const { t: frameT } = useTranslation("public");
  // A section whose pages have their own entries (Audits, Submitted reports) is current only on its own page.
  const nav = user ? navigationFor(user, membership) : null;
  // With JavaScript, Remix moves to the next page without reloading this shell: a new key closes
  // the phone menu after a link in it was followed (without JavaScript the new page starts closed).
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {frameT("shell.skipToContent")}
      </a>
      <LanguageSwitcher languages={languages} />
      <header className="site-header">
        <div className="site-header__inner">
          <a className="brand" href="/">
            {t("site.name")}
          </a>
          {user && nav ? (
            <>
              {/* Wide screens: the menu and the user's name in the header bar. */}
              <div className="site-header__wide">
                <MainNav nav={nav} />
                <UserMenu user={user} membership={membership} />
              </div>
              {/*
               * Narrow screens: the same menu behind a "Menu" button. A <details> disclosure opens
               * and closes without JavaScript, is a button with its expanded state to a screen
               * reader, and works from the keyboard. Only one of the two copies is displayed at any
               * width (display: none takes the other out of the accessibility tree too), so there is
               * one "Main" navigation landmark; a closed <details> cannot be forced open by CSS in
               * every browser, hence two copies rather than one restyled.
               */}
              <details className="site-header__narrow nav-menu" key={pathname}>
                <summary className="nav-menu__button">
                  <span className="nav-menu__icon" aria-hidden="true" />
                  {t("site.menu")}
                </summary>
                <div className="nav-menu__panel">
                  <MainNav nav={nav} />
                  <UserMenu user={user} membership={membership} />
                </div>
              </details>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        {frameT("shell.tagline")} · <Link to="/methodology">{frameT("shell.methodology")}</Link> · <Link to="/verify">{frameT("verify.title")}</Link>
      </footer>
    </>
  );
}

function MainNav({ nav }: { nav: NavItem[] }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t("site.mainNavigation")}>
      <ul>
        {nav.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === "/" || nav.some((other) => other.to.startsWith(`${item.to}/`))}>
              {t(`nav.${item.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserMenu({ user, membership }: { user: ShellUser; membership: ShellMembership | null }) {
  const { t } = useTranslation();
  return (
    <div className="user-menu">
      <span>
        <a href="/account">{user.name}</a>
        {membership ? <span className="user-menu__org"> · {membership.orgName}</span> : user.isPlatformAdmin ? <span className="user-menu__org"> · {t("user.platformAdministrator")}</span> : null}
      </span>
      <SignOutButton className="button button--small" />
    </div>
  );
}

/** Sign-out is a POST (a link could be triggered by another site); the same form everywhere. */
export function SignOutButton({ className, comeBackTo }: { className: string; comeBackTo?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/sign-out">
      {comeBackTo ? <input type="hidden" name="comeBackTo" value={comeBackTo} /> : null}
      <button className={className} type="submit">
        {t("user.signOut")}
      </button>
    </Form>
  );
}
