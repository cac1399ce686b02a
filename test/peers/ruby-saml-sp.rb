# An SP nobody here wrote: Debian's ruby-saml (OneLogin) behind a minimal WEBrick app,
# configured as ruby-saml's README recommends, with a /whoami identity page: what a vendor
# points `sso-harness run --sp-metadata` at.
#
#   ruby ruby-saml-sp.rb IDP_CERT_FILE IDP_ENTITY_ID
#
# Prints "port <n>" once it listens on 127.0.0.1 (an ephemeral port); stops on SIGTERM.
require 'onelogin/ruby-saml'
require 'securerandom'
require 'webrick'

cert_file, idp_entity_id = ARGV
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

sessions = {}

server.mount_proc('/metadata') do |_req, res|
  res['Content-Type'] = 'application/samlmetadata+xml'
  res.body = OneLogin::RubySaml::Metadata.new.generate(settings)
end

server.mount_proc('/acs') do |req, res|
  response = OneLogin::RubySaml::Response.new(req.query['SAMLResponse'].to_s, settings: settings)
  if response.is_valid?
    sid = SecureRandom.hex(16)
    sessions[sid] = response.nameid
    res['Set-Cookie'] = "sid=#{sid}; Path=/; HttpOnly"
    res.body = 'signed in'
  else
    res.status = 403
    res.body = "refused: #{response.errors.join('; ')}"
  end
end

server.mount_proc('/whoami') do |req, res|
  sid = req.cookies.find { |cookie| cookie.name == 'sid' }&.value
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
