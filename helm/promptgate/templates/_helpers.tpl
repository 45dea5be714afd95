{{/*
Expand the name of the chart.
*/}}
{{- define "promptgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name, truncated at 63 characters because some Kubernetes name fields are
limited to that. If the release name contains the chart name it is used as the full name.
*/}}
{{- define "promptgate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "promptgate.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "promptgate.labels" -}}
helm.sh/chart: {{ include "promptgate.chart" . }}
{{ include "promptgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/part-of: promptgate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "promptgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "promptgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "promptgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "promptgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest pins it; otherwise the tag, or the chart's appVersion.
*/}}
{{- define "promptgate.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
A list of role values as one environment value: comma-separated, with commas inside a value escaped, which is how
the server reads a list from the environment.
*/}}
{{- define "promptgate.roleList" -}}
{{- $escaped := list }}
{{- range . }}
{{- $escaped = append $escaped (replace "," "\\," .) }}
{{- end }}
{{- join "," $escaped }}
{{- end }}

{{/*
The address browsers reach the server at: publicUrl, or the Ingress's first host.
*/}}
{{- define "promptgate.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- printf "http%s://%s" (ternary "s" "" (not (empty .Values.ingress.tls))) (first .Values.ingress.hosts).host }}
{{- end }}
{{- end }}

{{/*
"true" when the bootstrap admin token is allowed, empty otherwise: bootstrap.enabled when set, else the server's own
default (allowed only while OIDC is off).
*/}}
{{- define "promptgate.bootstrapAllowed" -}}
{{- if kindIs "invalid" .Values.bootstrap.enabled -}}
{{- if not .Values.oidc.enabled }}true{{ end -}}
{{- else if .Values.bootstrap.enabled -}}
true
{{- end -}}
{{- end }}
