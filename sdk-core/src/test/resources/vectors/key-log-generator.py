# Independent generator of key-log.json (RFC 6962 definitions, the C2SP note format) in Python: python3 key-log-generator.py
import hashlib, base64, json, struct
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
H=lambda b: hashlib.sha256(b).digest()
def leaf(event,user,version,bundle):
    u=user.encode()
    return bytes([1,event])+struct.pack('>H',len(u))+u+struct.pack('>I',version)+H(bundle)
def mth(d):
    n=len(d)
    if n==0: return H(b'')
    if n==1: return H(b'\x00'+d[0])
    k=1
    while k*2<n: k*=2
    return H(b'\x01'+mth(d[:k])+mth(d[k:]))
def path(m,d):
    n=len(d)
    if n<=1: return []
    k=1
    while k*2<n: k*=2
    return path(m,d[:k])+[mth(d[k:])] if m<k else path(m-k,d[k:])+[mth(d[:k])]
def sub(m,d,b):
    n=len(d)
    if m==n: return [] if b else [mth(d)]
    k=1
    while k*2<n: k*=2
    return sub(m,d[:k],b)+[mth(d[k:])] if m<=k else sub(m-k,d[k:],False)+[mth(d[:k])]
entries=[(1,'alice@example.org',1,b'alice bundle v1'),(1,'bob@example.org',1,b'bob bundle v1'),
 (3,'alice@example.org',1,b'alice bundle v1 with x-wing'),(2,'bob@example.org',2,b'bob bundle v2'),
 (1,'carol',1,b'carol bundle'),(1,'d\u00e9sir\u00e9e@example.org',1,b'desiree bundle'),(2,'carol',2,b'carol bundle v2')]
leaves=[leaf(*e) for e in entries]
seed=bytes(range(32)); name='example.com/secupass-keys'
sk=Ed25519PrivateKey.from_private_bytes(seed)
from cryptography.hazmat.primitives import serialization
pk=sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
keyid=H(name.encode()+b'\n'+b'\x01'+pk)[:4]
vkey=name+'+'+keyid.hex()+'+'+base64.b64encode(b'\x01'+pk).decode()
n=len(leaves); root=mth(leaves)
text=f"{name}\n{n}\n{base64.b64encode(root).decode()}\n"
sig=sk.sign(text.encode())
note=text+"\n\u2014 "+name+" "+base64.b64encode(keyid+sig).decode()+"\n"
out={"description":"SecuPass key log (docs/format.md, Key log leaf; docs/key-log.md): leaves, leaf hashes, roots of each prefix, inclusion and consistency proofs, a signed checkpoint. Made by an independent Python generator from RFC 6962's definitions.",
 "entries":[{"event":e[0],"user":e[1],"version":e[2],"bundle":e[3].hex(),"leaf":l.hex(),"leafHash":H(b'\x00'+l).hex()} for e,l in zip(entries,leaves)],
 "roots":[mth(leaves[:i]).hex() for i in range(0,n+1)],
 "inclusion":[{"index":m,"size":s,"proof":[p.hex() for p in path(m,leaves[:s])]} for s in range(1,n+1) for m in range(s)],
 "consistency":[{"from":a,"to":b,"proof":[p.hex() for p in sub(a,leaves[:b],True)]} for b in range(2,n+1) for a in range(1,b)],
 "checkpoint":{"seed":seed.hex(),"verifierKey":vkey,"note":note},
 "invalidLeaves":[{"name":"version 2","leaf":("02"+leaves[0].hex()[2:])},{"name":"unknown event","leaf":("0109"+leaves[0].hex()[4:])},{"name":"trailing byte","leaf":leaves[0].hex()+"00"},{"name":"truncated hash","leaf":leaves[0].hex()[:-2]},{"name":"key version 0","leaf":leaf(1,'a',0,b'x').hex()}]}
json.dump(out,open(__import__('os').path.join(__import__('os').path.dirname(__file__),'key-log.json'),'w'),indent=2,ensure_ascii=False)
print(vkey)
