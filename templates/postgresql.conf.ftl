# Managed by wgform: PostgreSQL of ${host.name}. Changes made here are overwritten.
# PostgreSQL listens locally and on its ${service.plane} plane address only.
listen_addresses = 'localhost,${service.address}'
<#if service.port??>
port = ${service.port}
</#if>
