"""Header words that marketplace and ERP exports use for each kind of field: English, Chinese
(simplified and traditional) and the common Japanese ones.

Each concept lists the header spellings (compared after `normalise_header`) and the API field
names ("leaves", or the end of a path such as "product.currency") it may land on, in order of
preference; the target's field specs decide which of those leaves exist. Canonical field names
and labels need no entry: they come from the specs. KA and Nomad share this table (their target
specs name it); another target may bring its own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Concept:
    leaves: tuple[str, ...]
    headers: tuple[str, ...]


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        ("customOrderId", "clientOrderRef"),
        ("order id", "order no", "order number", "order ref", "order reference", "reference",
         "external order id", "platform order id", "customer order id", "client order ref",
         "订单号", "订单编号", "单号", "外部订单号", "平台订单号", "客户订单号", "参考号",
         "訂單號", "訂單編號", "單號", "注文番号", "注文id"),
    ),
    Concept(
        ("recipient", "firstName"),
        ("recipient", "recipient name", "ship to name", "shipping name", "consignee", "name",
         "full name", "buyer name", "customer name", "receiver", "receiver name",
         "contact name", "收件人", "收货人", "收件人姓名", "收货人姓名", "姓名", "联系人",
         "收貨人", "收貨人姓名", "聯絡人", "受取人", "お届け先氏名", "氏名", "宛名"),
    ),
    Concept(("firstName",), ("first name", "given name", "名")),
    Concept(("lastName",), ("last name", "surname", "family name", "姓")),
    Concept(
        ("phone",),
        ("phone", "phone number", "telephone", "tel", "mobile", "mobile phone", "cell",
         "contact phone", "ship to phone", "recipient phone", "buyer phone", "电话",
         "联系电话", "手机", "手机号", "手机号码", "收件人电话", "收货人电话",
         "電話", "聯繫電話", "聯絡電話", "手機", "手機號碼", "電話番号"),
    ),
    Concept(("email",), ("email", "e-mail", "email address", "邮箱", "电子邮件", "電子郵件", "郵箱",
                        "メールアドレス")),
    Concept(
        ("country",),
        ("country", "ship to country", "destination country", "国家", "收件国家", "目的国",
         "國家", "國", "国"),
    ),
    # Nomad keeps the ISO code apart from the country as written; KA has only "country".
    Concept(
        ("countryCode", "country"),
        ("country code", "iso country", "iso country code", "ship to country code",
         "国家代码", "国家编码", "国家二字码"),
    ),
    Concept(
        ("province", "state"),
        ("state", "province", "region", "state province", "ship to state", "省", "省份",
         "州", "省州", "都道府県"),
    ),
    Concept(("city",), ("city", "town", "ship to city", "城市", "市", "市区町村")),
    Concept(
        ("street1", "address1"),
        ("address", "address 1", "address line 1", "street", "street 1", "street address",
         "ship to address", "ship to address 1", "地址", "详细地址", "收件地址", "收货地址",
         "街道", "地址1",
         "詳細地址", "收貨地址", "住所"),
    ),
    Concept(
        ("street2", "address2"),
        ("address 2", "address line 2", "street 2", "ship to address 2", "地址2"),
    ),
    Concept(
        ("zip",),
        ("zip", "zip code", "postal code", "postcode", "post code", "ship to zip",
         "ship to postal code", "邮编", "邮政编码",
         "郵編", "郵遞區號", "郵政編碼", "郵便番号"),
    ),
    Concept(
        ("sku", "skuNumber"),
        ("sku", "sku code", "seller sku", "item sku", "variant sku", "product code", "item code",
         "商品编码", "商品编号", "sku编码", "货号", "产品编码",
         "商品編碼", "商品編號", "貨號", "產品編碼", "商品コード"),
    ),
    Concept(
        ("quantity",),
        ("qty", "quantity", "quantity purchased", "pcs", "units", "数量", "购买数量", "件数",
         "數量", "購買數量"),
    ),
    Concept(
        ("name",),
        ("product name", "item name", "title", "product title", "商品名称", "品名", "产品名称",
         "商品名稱", "產品名稱", "商品名"),
    ),
    Concept(("price",), ("price", "unit price", "item price", "单价", "价格", "單價", "價格",
                        "単価")),
    Concept(
        ("channelType",),
        ("channel type", "shipping speed", "shipping method", "shipping service", "物流方式",
         "运输方式",
         "運輸方式", "配送方法", "配送方式"),
    ),
    Concept(("channelCode",), ("channel code", "logistics channel", "渠道代码", "物流渠道")),
    Concept(
        ("remark", "customerNote"),
        ("remark", "remarks", "note", "notes", "comment", "memo", "order note", "buyer note",
         "备注", "订单备注", "买家留言",
         "備註", "訂單備註", "買家留言", "備考"),
    ),
    Concept(
        ("salePlatform", "platformName"),
        ("platform", "sales channel", "marketplace", "平台", "销售平台", "平臺",
         "銷售平台"),
    ),
    Concept(("currency",), ("currency", "currency code", "币种", "货币", "幣種", "貨幣", "通貨")),
    # Leaves may name the end of a path: the product's own currency, not the order's.
    Concept(
        ("product.currency",),
        ("product currency", "item currency", "sku currency", "商品币种", "商品货币"),
    ),
    Concept(("massUnit",), ("mass unit", "weight unit", "unit of weight", "重量单位")),
    Concept(("tin",), ("tax id", "tin", "id number", "身份证号", "身份证", "证件号")),
    Concept(("ioss",), ("ioss", "ioss number", "ioss no")),
    Concept(("vat",), ("vat", "vat number", "vat no", "增值税号")),
    Concept(("tax",), ("tax", "税费", "税额")),
    Concept(("discount",), ("discount", "折扣")),
)


def normalise_header(text: str) -> str:
    """Case, width, spacing and punctuation folded away: "Ship-To  Name*" -> "shiptoname"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


@cache
def header_concepts(concepts: tuple[Concept, ...]) -> dict[str, Concept]:
    """Normalised header -> the concept it names, for a target's synonyms (its spec's)."""
    return {normalise_header(header): concept for concept in concepts for header in concept.headers}
