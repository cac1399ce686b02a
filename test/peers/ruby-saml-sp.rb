# An SP nobody here wrote: Debian's ruby-saml (OneLogin) behind a minimal WEBrick app,
# configured as ruby-saml's README recommends for production, with a /whoami identity page:
# what a vendor points `sso-harness run --sp-metadata` at.
#
#   ruby ruby-saml-sp.rb IDP_CERT_FILE IDP_ENTITY_ID [--basic]
#
# The README's production recipe (its "Security Considerations", "Preventing Replay Attacks"
# and "Enforce SP-Initiated Flow" sections): signed assertions, strict audience, SHA-256 for
# what the SP signs, assertions encrypted to the SP's certificate (want_assertions_encrypted),
# every login started at /login with the AuthnRequest ID kept server-side and passed as
# matches_request_id (deleted on use), and each accepted assertion ID remembered until it
# expires; Single Logout at /slo as the README's "Single Log Out" section writes it (the IdP's
# LogoutRequest read by OneLogin::RubySaml::SloLogoutrequest.new(params[:SAMLRequest],
# settings: settings), the session ended, a LogoutResponse sent back). --basic drops the last
# four: IdP-initiated logins, no encryption, no replay cache, no Single Logout (the README's
# getting-started settings).
#
# Prints "port <n>" once it listens on 127.0.0.1 (an ephemeral port); stops on SIGTERM.
require 'onelogin/ruby-saml'
require 'openssl'
require 'securerandom'
require 'webrick'

cert_file, idp_entity_id, mode = ARGV
production = mode != '--basic'
server = WEBrick::HTTPServer.new(
  BindAddress: '127.0.0.1', Port: 0, Logger: WEBrick::Log.new(File::NULL), AccessLog: []
)
origin = "http://127.0.0.1:#{server.config[:Port]}"

settings = OneLogin::RubySaml::Settings.new
settings.sp_entity_id = "#{origin}/sp"
settings.assertion_consumer_service_url = "#{origin}/acs"
settings.idp_entity_id = idp_entity_id
settings.idp_sso_service_url = 'http://127.0.0.1:8943/saml2/sso-harness'
settings.idp_cert = File.read(cert_file)
settings.security[:want_assertions_signed] = true
settings.security[:strict_audience_validation] = true
settings.security[:digest_method] = XMLSecurity::Document::SHA256
settings.security[:signature_method] = XMLSecurity::Document::RSA_SHA256
settings.soft = true

if production
  # The SP's own key pair: the IdP encrypts assertions to its certificate (named in the metadata).
  key = OpenSSL::PKey::RSA.new(2048)
  cert = OpenSSL::X509::Certificate.new
  cert.version = 2
  cert.serial = SecureRandom.random_number(2**64)
  cert.subject = cert.issuer = OpenSSL::X509::Name.parse('/CN=ruby-saml SP')
  cert.public_key = key.public_key
  cert.not_before = Time.now - 60
  cert.not_after = Time.now + 365 * 24 * 3600
  cert.sign(key, OpenSSL::Digest.new('SHA256'))
  settings.certificate = cert.to_pem
  settings.private_key = key.to_pem
  settings.security[:want_assertions_encrypted] = true
  settings.single_logout_service_url = "#{origin}/slo"
  settings.idp_slo_service_url = 'http://127.0.0.1:8943/saml2/sso-harness/slo'
end

sessions = {}
# AuthnRequest IDs by pre-login cookie, deleted on use (the README keeps it in the session).
pending = {}
# Accepted assertion IDs and when they expire (the README's is_new_assertion?, in memory).
seen = {}

cookie = lambda do |req, name|
  req.cookies.find { |c| c.name == name }&.value
end

server.mount_proc('/metadata') do |_req, res|
  res['Content-Type'] = 'application/samlmetadata+xml'
  res.body = OneLogin::RubySaml::Metadata.new.generate(settings)
end

server.mount_proc('/login') do |_req, res|
  request = OneLogin::RubySaml::Authrequest.new
  url = request.create(settings, RelayState: '/home')
  login = SecureRandom.hex(16)
  pending[login] = request.uuid
  res['Set-Cookie'] = "login=#{login}; Path=/; HttpOnly"
  res.set_redirect(WEBrick::HTTPStatus::Found, url)
end

refuse = lambda do |res, why|
  res.status = 403
  res.body = "refused: #{why}"
end

server.mount_proc('/acs') do |req, res|
  options = { settings: settings }
  if production
    request_id = pending.delete(cookie.call(req, 'login'))
    next refuse.call(res, 'IdP-initiated login (no AuthnRequest outstanding)') if request_id.nil?

    options[:matches_request_id] = request_id
  end
  response = OneLogin::RubySaml::Response.new(req.query['SAMLResponse'].to_s, options)
  next refuse.call(res, response.errors.join('; ')) unless response.is_valid?

  if production
    id = response.assertion_id
    next refuse.call(res, 'Assertion ID is mandatory') if id.nil?

    now = Time.now.utc
    seen.delete_if { |_, expires| expires <= now }
    next refuse.call(res, 'Replay attack detected') if seen.key?(id)

    seen[id] = (response.not_on_or_after || (now + 300)) + 60
  end
  sid = SecureRandom.hex(16)
  sessions[sid] = response.nameid
  res['Set-Cookie'] = "sid=#{sid}; Path=/; HttpOnly"
  res.body = 'signed in'
end

if production
  # The README's idp_logout_request: WEBrick's query holds the GET and the POST parameters, as
  # Rails' params does, so the endpoint takes both bindings.
  server.mount_proc('/slo') do |req, res|
    logout_request = OneLogin::RubySaml::SloLogoutrequest.new(req.query['SAMLRequest'].to_s, settings: settings)
    next refuse.call(res, logout_request.errors.join('; ')) unless logout_request.is_valid?

    sid = cookie.call(req, 'sid')
    sessions.delete(sid) if sid
    response = OneLogin::RubySaml::SloLogoutresponse.new.create(
      settings, logout_request.id, nil, RelayState: req.query['RelayState']
    )
    res.set_redirect(WEBrick::HTTPStatus::Found, response)
  end
end

server.mount_proc('/whoami') do |req, res|
  sid = cookie.call(req, 'sid')
  who = sid && sessions[sid]
  res['Content-Type'] = 'text/plain'
  if who
    res.body = who
  else
    res.status = 401
  end
end

trap('TERM') { server.shutdown }
$stdout.puts "port #{server.config[:Port]}"
$stdout.flush
server.start
