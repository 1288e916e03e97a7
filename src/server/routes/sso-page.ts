// The page a browser sees when a single sign-on is refused: the reason in English and in Spanish, and the way back.
import type { SsoRefusalReason } from '../../services/sso/sso-refusal.ts';

const messages: Record<SsoRefusalReason, { status: number; en: string; es: string }> = {
  not_configured: {
    status: 404,
    en: 'This organisation does not sign in through an identity provider. Sign in with your email and password.',
    es: 'Esta organización no inicia sesión mediante un proveedor de identidad. Inicie sesión con su correo electrónico y su contraseña.',
  },
  expired: {
    status: 400,
    en: 'This sign-in has expired, was already used or was started in another browser. Start again from the sign-in page.',
    es: 'Este inicio de sesión ha caducado, ya se utilizó o se inició en otro navegador. Vuelva a empezar desde la página de inicio de sesión.',
  },
  invalid_response: {
    status: 400,
    en: "The answer from your company's identity provider could not be verified, so you were not signed in.",
    es: 'No se ha podido verificar la respuesta del proveedor de identidad de su empresa, por lo que no se ha iniciado la sesión.',
  },
  provider_error: {
    status: 400,
    en: "Your company's identity provider did not complete the sign-in. Try again, or ask your IT team.",
    es: 'El proveedor de identidad de su empresa no completó el inicio de sesión. Inténtelo de nuevo o consulte a su equipo de TI.',
  },
  unknown_person: {
    status: 403,
    en: "Your company's identity provider signed you in, but no Mejora account belongs to you. Ask your HR team to add you to Mejora.",
    es: 'El proveedor de identidad de su empresa le ha identificado, pero ninguna cuenta de Mejora le corresponde. Pida a su equipo de RR. HH. que le dé de alta en Mejora.',
  },
  disabled: {
    status: 403,
    en: 'Your Mejora account is disabled. Ask your HR team if you think this is a mistake.',
    es: 'Su cuenta de Mejora está desactivada. Consulte a su equipo de RR. HH. si cree que se trata de un error.',
  },
  replayed: {
    status: 400,
    en: 'This sign-in answer was already used. Start again from the sign-in page.',
    es: 'Esta respuesta de inicio de sesión ya se utilizó. Vuelva a empezar desde la página de inicio de sesión.',
  },
};

export function refusalPage(reason: SsoRefusalReason): { status: number; html: string } {
  const { status, en, es } = messages[reason];
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in refused · Inicio de sesión rechazado · Mejora</title></head>
<body>
<main>
<h1>Mejora</h1>
<section lang="en"><h2>You are not signed in</h2><p>${en}</p><p><a href="/sign-in">Back to the sign-in page</a></p></section>
<section lang="es"><h2>No ha iniciado sesión</h2><p>${es}</p><p><a href="/sign-in">Volver a la página de inicio de sesión</a></p></section>
<p><small>${reason}</small></p>
</main>
</body>
</html>
`;
  return { status, html };
}
