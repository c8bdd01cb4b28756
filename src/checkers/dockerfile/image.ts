// Image references (`registry/repository:tag@digest`) and what is commonly known about well-known bases.

export interface ImageReference {
  /** After ARG substitution, as the builder would pull it (`${BASE}` → `python:3.12-slim`). */
  raw: string;
  /** `docker.io` when the reference names no registry. */
  registry: string;
  /** `library/python` for official images on Docker Hub. */
  repository: string;
  /** `registry/repository`, the name trusted-registry globs are matched against. */
  name: string;
  tag?: string;
  digest?: string;
  isScratch: boolean;
}

/** Parses an image reference; undefined when it is empty or contains spaces. */
export function parseImageReference(raw: string): ImageReference | undefined {
  const text = raw.trim();
  if (!text || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let registry = 'docker.io';
  let repository = rest;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(slash + 1);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const ref: ImageReference = {
    raw: text,
    registry,
    repository,
    name: `${registry}/${repository}`,
    isScratch: text.toLowerCase() === 'scratch',
  };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

const DOMAIN = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?/)?`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const VALID_REFERENCE = new RegExp(
  String.raw`^${DOMAIN}${COMPONENT}(?:/${COMPONENT})*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Whether the builder accepts `raw` as an image reference (`alpine:` or `node:-alpine` it rejects). */
export function isValidImageReference(raw: string): boolean {
  return VALID_REFERENCE.test(raw);
}

/** What `/bin/sh` is on a base image. */
export type ShellFlavor = 'dash' | 'ash' | 'bash' | 'unknown';

/** Short repository name: `library/python` → `python`, `bitnami/python` → `bitnami/python`. */
function shortName(image: ImageReference): string {
  return image.repository.replace(/^library\//, '');
}

const DEBIAN_FAMILY = new Set([
  'debian',
  'ubuntu',
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'openjdk',
  'eclipse-temurin',
  'rust',
  'perl',
  'buildpack-deps',
  'maven',
  'gradle',
  'postgres',
  'nginx',
  'httpd',
  'redis',
]);

/** The likely `/bin/sh` of a base: ash on Alpine/BusyBox, dash on Debian/Ubuntu and their derivatives. */
export function shellFlavorOf(image: ImageReference | undefined): ShellFlavor {
  if (!image || image.isScratch) return 'unknown';
  const name = shortName(image);
  const tag = image.tag ?? '';
  if (name === 'alpine' || name === 'busybox' || name.endsWith('/alpine') || /(^|[-.])alpine/.test(tag))
    return 'ash';
  if (/(^|[-.])(bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)/.test(tag)) return 'dash';
  if (DEBIAN_FAMILY.has(name)) {
    if (name === 'eclipse-temurin' && /ubi|centos/.test(tag)) return 'bash';
    return 'dash';
  }
  if (
    ['fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'redhat/ubi8', 'redhat/ubi9'].includes(
      name,
    )
  )
    return 'bash';
  return 'unknown';
}

/** The C library of a base, for musl-specific advice. */
export function isMuslBase(image: ImageReference | undefined): boolean {
  return shellFlavorOf(image) === 'ash' && !!image && shortName(image) !== 'busybox';
}

/** Environment variables official images are known to set (so `$JAVA_HOME` after `FROM eclipse-temurin` is fine). */
const KNOWN_BASE_ENV: Record<string, string[]> = {
  python: [
    'PYTHON_VERSION',
    'PYTHON_SHA256',
    'GPG_KEY',
    'LANG',
    'PYTHON_PIP_VERSION',
    'PYTHON_SETUPTOOLS_VERSION',
    'PYTHON_GET_PIP_URL',
    'PYTHON_GET_PIP_SHA256',
  ],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  ruby: [
    'RUBY_VERSION',
    'RUBY_DOWNLOAD_SHA256',
    'GEM_HOME',
    'BUNDLE_SILENCE_ROOT_WARNING',
    'BUNDLE_APP_CONFIG',
    'LANG',
  ],
  php: [
    'PHP_VERSION',
    'PHP_INI_DIR',
    'PHP_URL',
    'PHP_SHA256',
    'PHPIZE_DEPS',
    'PHP_CFLAGS',
    'PHP_CPPFLAGS',
    'PHP_LDFLAGS',
  ],
  openjdk: ['JAVA_HOME', 'JAVA_VERSION', 'LANG'],
  'eclipse-temurin': ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'],
  amazoncorretto: ['JAVA_HOME', 'LANG'],
  maven: ['MAVEN_HOME', 'MAVEN_CONFIG', 'JAVA_HOME', 'JAVA_VERSION'],
  gradle: ['GRADLE_HOME', 'GRADLE_VERSION', 'JAVA_HOME', 'JAVA_VERSION'],
  postgres: ['PG_MAJOR', 'PG_VERSION', 'PGDATA', 'GOSU_VERSION', 'LANG'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  redis: ['REDIS_VERSION', 'REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA'],
  'mcr.microsoft.com/dotnet/sdk': [
    'DOTNET_VERSION',
    'ASPNET_VERSION',
    'DOTNET_SDK_VERSION',
    'ASPNETCORE_URLS',
    'APP_UID',
    'DOTNET_RUNNING_IN_CONTAINER',
  ],
  'mcr.microsoft.com/dotnet/aspnet': [
    'DOTNET_VERSION',
    'ASPNET_VERSION',
    'ASPNETCORE_HTTP_PORTS',
    'APP_UID',
    'DOTNET_RUNNING_IN_CONTAINER',
  ],
};

export function knownBaseEnv(image: ImageReference | undefined): readonly string[] {
  if (!image) return [];
  const key = image.registry === 'docker.io' ? shortName(image) : `${image.registry}/${image.repository}`;
  return KNOWN_BASE_ENV[key] ?? [];
}

/** Bases whose default user is already non-root (`gcr.io/distroless/...:nonroot`, Chainguard...). */
export function hasNonRootDefaultUser(image: ImageReference | undefined): boolean {
  if (!image) return false;
  const tag = image.tag ?? '';
  if (/(^|-)nonroot(-|$)/.test(tag) || /chiseled/.test(tag)) return true;
  if (/unprivileged|nonroot|rootless/.test(image.repository) || image.repository.startsWith('bitnami/'))
    return true;
  // AWS Lambda runs every function as its own sandbox user, whatever the image says.
  if (image.repository.startsWith('lambda/') || image.repository.startsWith('amazon/aws-lambda-'))
    return true;
  if (image.registry === 'cgr.dev') return !/(^|-)dev$/.test(tag);
  return false;
}

/**
 * Windows bases (`windows/servercore`, `dotnet/aspnet:8.0-nanoserver-ltsc2022`): USER works differently there
 * (ContainerUser / ContainerAdministrator), and Kubernetes runs them with `runAsUserName`, not UIDs.
 */
export function isWindowsBase(image: ImageReference | undefined): boolean {
  if (!image) return false;
  return (
    /(^|\/)windows\/|servercore|nanoserver/.test(image.repository) ||
    /(^|-)(nanoserver|windowsservercore|servercore)(-|$)/.test(image.tag ?? '')
  );
}

/**
 * The UID of an account the base image itself defines, where it is the same in every tag: `nobody` (65534 on
 * Debian, Ubuntu, Alpine and RHEL), `node` in the official node images, `nonroot` in distroless images.
 */
export function baseImageUid(image: ImageReference | undefined, name: string): string | undefined {
  if (name === 'nobody') return '65534';
  if (!image) return undefined;
  if (name === 'node' && shortName(image) === 'node') return '1000';
  if (name === 'nonroot' && (image.repository.startsWith('distroless/') || image.registry === 'cgr.dev'))
    return '65532';
  return undefined;
}

/**
 * The official images of Docker Hub (`docker.io/library/<name>`), current and deprecated ones that still
 * pull. Nobody else can publish a name without a namespace there, so any other such name (`FROM api-base`)
 * can only be an image the repository's own build made beforehand.
 */
const DOCKER_HUB_OFFICIAL = new Set(
  (
    'adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux ' +
    'azul-zulu backdrop bash bonita buildpack-deps busybox caddy cassandra chronograf cirros clearlinux ' +
    'clefos clickhouse clojure composer convertigo couchbase couchdb crate dart debian docker drupal ' +
    'eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang espocrm fedora flink ' +
    'fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world ' +
    'hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty joomla jruby julia kapacitor ' +
    'kibana kong krakend lightstreamer liquibase logstash mageia mariadb matomo maven mediawiki memcached ' +
    'mongo mongo-express monica mysql nats neo4j neurodebian nextcloud nginx nim node notary odoo ' +
    'open-liberty openjdk oraclelinux orientdb percona perl photon php php-zendserver phpmyadmin plone ' +
    'postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine registry rethinkdb ' +
    'rocket.chat rockylinux ros ruby rust sapmachine satosa silverpeas solr sonarqube spark spiped storm ' +
    'swift swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty wordpress ' +
    'xwiki yourls znc zookeeper ' +
    // Deprecated, still pulled by older Dockerfiles.
    'adoptopenjdk celery centos consul django fsharp glassfish iojs java jenkins jobber mono ' +
    'nats-streaming opensuse owncloud piwik rails sentry swarm thrift vault'
  ).split(' '),
);

/**
 * A name no registry serves: no registry host, no namespace, and no official image by that name on Docker
 * Hub (`argocd-base`, `tritonserver_cibase`). The builder uses the local image of that name, which an
 * earlier step of the repository's build produced; its tag is whatever that build gave it.
 */
export function isLocalOnlyName(image: ImageReference | undefined): boolean {
  if (!image || image.isScratch || image.registry !== 'docker.io') return false;
  if (!image.repository.startsWith('library/')) return false;
  return !DOCKER_HUB_OFFICIAL.has(image.repository.slice('library/'.length).toLowerCase());
}

/** Whether the reference names an official Docker Hub image (`python`, `docker.io/library/nginx`). */
export function isOfficialImage(image: ImageReference): boolean {
  return (
    image.registry === 'docker.io' &&
    image.repository.startsWith('library/') &&
    DOCKER_HUB_OFFICIAL.has(image.repository.slice('library/'.length).toLowerCase())
  );
}
